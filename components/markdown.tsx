import ReactMarkdown, { defaultUrlTransform } from "react-markdown";

/**
 * Organizer-written Markdown. Raw HTML is dropped (skipHtml) and react-markdown's
 * URL transform keeps only http(s), mailto and similar links, so `javascript:`
 * and `data:` URLs come out empty. Headings start at h2 under the page's h1.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="usa-prose event-body">
      <ReactMarkdown
        skipHtml
        urlTransform={defaultUrlTransform}
        disallowedElements={["img"]}
        unwrapDisallowed
        components={{ h1: "h2" }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
