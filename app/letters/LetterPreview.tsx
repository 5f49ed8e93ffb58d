import type { FlowBlock, LetterPreviewData, PreviewBlock } from "./preview";

/** Renders flow blocks as elements: every piece of user text is a React text node (escaped). */
function Flow({ blocks }: { blocks: FlowBlock[] }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.kind) {
          case "paragraph":
            return (
              <p key={i} className="utrecht-paragraph">
                <Runs runs={block.runs} />
              </p>
            );
          case "heading":
            return (
              <p key={i} className="utrecht-paragraph letter-preview__subheading">
                <strong>
                  <Runs runs={block.runs} />
                </strong>
              </p>
            );
          case "list": {
            const items = block.items.map((item, j) => (
              <li key={j} className="utrecht-unordered-list__item">
                <Flow blocks={item} />
              </li>
            ));
            return block.ordered ? (
              <ol key={i} className="utrecht-ordered-list">
                {items}
              </ol>
            ) : (
              <ul key={i} className="utrecht-unordered-list">
                {items}
              </ul>
            );
          }
          case "quote":
            return (
              <blockquote key={i} className="letter-preview__quote">
                <Flow blocks={block.blocks} />
              </blockquote>
            );
          case "table":
            return (
              <ul key={i} className="utrecht-unordered-list">
                {block.rows.map((row, j) => (
                  <li key={j} className="utrecht-unordered-list__item">
                    {row.cells.join(" | ")}
                  </li>
                ))}
              </ul>
            );
        }
      })}
    </>
  );
}

function Runs({ runs }: { runs: { text: string; bold?: boolean; italic?: boolean }[] }) {
  return (
    <>
      {runs.map((run, i) => {
        const lines = run.text.split("\n");
        const content = lines.map((line, j) => (
          <span key={j}>
            {j > 0 ? <br /> : null}
            {line}
          </span>
        ));
        if (run.bold && run.italic)
          return (
            <strong key={i}>
              <em>{content}</em>
            </strong>
          );
        if (run.bold) return <strong key={i}>{content}</strong>;
        if (run.italic) return <em key={i}>{content}</em>;
        return <span key={i}>{content}</span>;
      })}
    </>
  );
}

/** Body blocks of a letter or report; `headingOffset` keeps the page's heading order (h1 is the page title). */
export function PreviewBody({ blocks, headingOffset = 1 }: { blocks: PreviewBlock[]; headingOffset?: number }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.type) {
          case "heading": {
            const level = Math.min(6, block.level + headingOffset);
            const Tag = `h${level}` as "h2";
            return (
              <Tag key={i} className={`utrecht-heading-${Math.min(level, 4)}`}>
                {block.text}
              </Tag>
            );
          }
          case "flow":
            return <Flow key={i} blocks={block.blocks} />;
          case "quote":
            return (
              <figure key={i} className="letter-preview__figure">
                <blockquote className="letter-preview__quote">
                  <Flow blocks={block.blocks} />
                </blockquote>
                {block.source ? <figcaption className="letter-preview__source">{block.source}</figcaption> : null}
              </figure>
            );
          case "facts":
            return (
              <dl key={i} className="letter-preview__facts">
                {block.rows.map((row, j) => (
                  <div key={j}>
                    <dt>{row.label}</dt>
                    <dd>{row.value}</dd>
                  </div>
                ))}
              </dl>
            );
          case "table":
            return (
              <div
                key={i}
                className="table-scroll"
                tabIndex={0}
                role="region"
                aria-label={`${block.caption}, horizontaal te scrollen`}
              >
                <table className="utrecht-table">
                  <caption className="utrecht-table__caption">{block.caption}</caption>
                  <thead className="utrecht-table__header">
                    <tr className="utrecht-table__row">
                      {block.header.map((h, j) => (
                        <th key={j} scope="col" className="utrecht-table__header-cell">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="utrecht-table__body">
                    {block.rows.map((row, j) => (
                      <tr key={j} className="utrecht-table__row">
                        {row.map((cell, k) => (
                          <td key={k} className="utrecht-table__cell">
                            {cell}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case "list":
            return (
              <ul key={i} className="utrecht-unordered-list">
                {block.items.map((item, j) => (
                  <li key={j} className="utrecht-unordered-list__item">
                    {item}
                  </li>
                ))}
              </ul>
            );
        }
      })}
    </>
  );
}

/** The letter as it will be printed, in the page's own heading order (letter headings become h3). */
export function LetterPreview({ letter }: { letter: LetterPreviewData }) {
  return (
    <article className="letter-preview" aria-label="Voorbeeld van de brief">
      <p className="utrecht-paragraph">
        <strong>{letter.sender.name}</strong>
        {letter.sender.addressLines.map((line) => (
          <span key={line}>
            <br />
            {line}
          </span>
        ))}
      </p>
      <p className="utrecht-paragraph">
        {letter.recipient.name}
        {letter.recipient.attention ? (
          <>
            <br />
            {letter.recipient.attention}
          </>
        ) : null}
        {letter.recipient.addressLines.map((line) => (
          <span key={line}>
            <br />
            {line}
          </span>
        ))}
      </p>
      <dl className="letter-preview__facts">
        {letter.references.map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <p className="utrecht-paragraph">{letter.salutation}</p>
      <PreviewBody blocks={letter.body} headingOffset={1} />
      <p className="utrecht-paragraph">{letter.closingFormula}</p>
      {letter.onBehalfOf.map((line) => (
        <p key={line} className="utrecht-paragraph">
          {line}
        </p>
      ))}
      {letter.signatures.map((s, i) => (
        <p key={i} className="utrecht-paragraph">
          {s.title ? (
            <>
              {s.title}
              <br />
            </>
          ) : null}
          {s.name}
        </p>
      ))}
      {letter.replyNote ? (
        <p className="utrecht-paragraph">
          <em>{letter.replyNote}</em>
        </p>
      ) : null}
    </article>
  );
}
