import { useEffect, useRef, useState } from "react";
import { useLocation, useNavigation } from "@remix-run/react";

/**
 * After a client-side navigation by link (the menus' NavLinks), a screen reader hears the new page's
 * title, as it would on a full page load; the focus stays on the link. Form submissions are left
 * alone: their pages announce their own status messages.
 */
export function RouteAnnouncer() {
  const location = useLocation();
  const navigation = useNavigation();
  const [message, setMessage] = useState("");
  const firstRender = useRef(true);
  const viaForm = useRef(false);

  useEffect(() => {
    if (navigation.state !== "idle") viaForm.current = Boolean(navigation.formMethod);
  }, [navigation.state, navigation.formMethod]);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (viaForm.current) return;
    // The new route's <title> is in place once the browser has painted the new page.
    const frame = requestAnimationFrame(() => setMessage(document.title));
    return () => cancelAnimationFrame(frame);
  }, [location.key]);

  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true" id="route-announcer">
      {message}
    </p>
  );
}
