import { useEffect, useRef, useState } from "react";

/**
 * "Reageer hierop": without JavaScript it adds a point anchored to the section; with JavaScript a
 * selected passage inside the section is sent along as the quote.
 */
export function QuoteButton(props: { reactionId: string; organisation: string; sectionKey: string; sectionTitle: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [quote, setQuote] = useState("");
  useEffect(() => {
    const update = () => {
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
      const container = selection.getRangeAt(0).commonAncestorContainer;
      const element = container instanceof Element ? container : container.parentElement;
      const section = element?.closest("[data-section-key]");
      if (section?.getAttribute("data-section-key") === props.sectionKey) setQuote(selection.toString().trim().slice(0, 2000));
    };
    document.addEventListener("selectionchange", update);
    return () => document.removeEventListener("selectionchange", update);
  }, [props.sectionKey]);
  return (
    <form ref={formRef} method="post" action={`/reacties/${props.reactionId}/citaat`} className="quote-button">
      <input type="hidden" name="sectionKey" value={props.sectionKey} />
      <input type="hidden" name="exact" value={quote} />
      <button type="submit" className="utrecht-button utrecht-button--secondary-action">
        {quote ? "Reageer hierop (geselecteerde tekst)" : "Reageer op dit onderdeel"}
        <span className="visually-hidden">
          {" "}
          — {props.sectionTitle}, in de reactie van {props.organisation}
        </span>
      </button>
    </form>
  );
}
