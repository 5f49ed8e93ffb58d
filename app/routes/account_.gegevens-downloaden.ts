import { redirect } from "@remix-run/node";

/**
 * Old address of the personal-data download (`/account/gegevens-downloaden`): a permanent redirect to
 * `/account/gegevens/mijn-gegevens.json`. It reads nothing itself: the new address needs a login.
 */
export async function loader() {
  return redirect("/account/gegevens/mijn-gegevens.json", 301);
}
