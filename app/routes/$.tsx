import { useLocation } from "@remix-run/react";

/** Every unknown address gets the Dutch 404 page. */
export function loader() {
  throw new Response("Niet gevonden", { status: 404 });
}

export default function NotFoundPage() {
  const location = useLocation();
  return <p className="utrecht-paragraph">Pagina {location.pathname} niet gevonden.</p>;
}
