import type { JSONContent } from "@tiptap/core";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { extensions } from "./extensions";

/**
 * The Tiptap editor. Loaded only in the browser, and only on pages that edit text: read-only pages
 * never import this module. Pasted Word content is reduced to the schema by ProseMirror's parser
 * (anything the extension list does not know is dropped); the server validates again.
 */
export default function RichTextEditor(props: {
  id: string;
  labelId: string;
  describedBy?: string;
  initial: JSONContent;
  onChange(doc: JSONContent): void;
}) {
  const editor = useEditor({
    extensions,
    content: props.initial,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        id: props.id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": props.labelId,
        ...(props.describedBy ? { "aria-describedby": props.describedBy } : {}),
        class: "rich-text-editor__content utrecht-textarea",
      },
    },
    onUpdate: ({ editor: current }) => props.onChange(current.getJSON()),
  });
  useEffect(() => () => editor?.destroy(), [editor]);
  // ARIA toolbar pattern: one Tab stop for the whole toolbar, arrow keys (and Home/End) move between
  // its buttons, so a keyboard user passes each editor with two Tabs instead of ten.
  const toolbar = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  if (!editor) return null;
  const onToolbarKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(toolbar.current?.querySelectorAll<HTMLButtonElement>("button") ?? []);
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves) || buttons.length === 0) return;
    event.preventDefault();
    const next = (moves[event.key]! + buttons.length) % buttons.length;
    setCurrent(next);
    buttons[next]?.focus();
  };
  let index = 0;
  const button = (label: string, active: boolean, run: () => void) => {
    const position = index++;
    return (
      <button
        type="button"
        className={`utrecht-button utrecht-button--subtle${active ? " is-active" : ""}`}
        aria-pressed={active}
        tabIndex={position === current ? 0 : -1}
        onFocus={() => setCurrent(position)}
        onClick={run}
      >
        {label}
      </button>
    );
  };
  return (
    <div className="rich-text-editor">
      <div ref={toolbar} className="rich-text-editor__toolbar" role="toolbar" aria-label="Opmaak" onKeyDown={onToolbarKey}>
        {button("Vet", editor.isActive("bold"), () => editor.chain().focus().toggleBold().run())}
        {button("Cursief", editor.isActive("italic"), () => editor.chain().focus().toggleItalic().run())}
        {button("Kop", editor.isActive("heading", { level: 3 }), () =>
          editor.chain().focus().toggleHeading({ level: 3 }).run(),
        )}
        {button("Opsomming", editor.isActive("bulletList"), () => editor.chain().focus().toggleBulletList().run())}
        {button("Genummerd", editor.isActive("orderedList"), () => editor.chain().focus().toggleOrderedList().run())}
        {button("Citaat", editor.isActive("blockquote"), () => editor.chain().focus().toggleBlockquote().run())}
        {button("Link", editor.isActive("link"), () => {
          const href = window.prompt("Adres van de link (https://…)");
          if (href === null) return;
          if (href === "") editor.chain().focus().unsetLink().run();
          else editor.chain().focus().setLink({ href }).run();
        })}
        {button("Tabel", editor.isActive("table"), () =>
          editor.chain().focus().insertTable({ rows: 3, cols: 2, withHeaderRow: true }).run(),
        )}
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}
