import ReactMarkdown, { defaultUrlTransform } from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Organizer-written Markdown. Raw HTML is dropped (skipHtml) and react-markdown's
 * URL transform keeps only http(s), mailto and similar links, so `javascript:`
 * and `data:` URLs come out empty. Headings start at h2 under the page's h1.
 * GitHub-flavoured Markdown (remark-gfm) turns a bare https:// or www. address into
 * a link, as organizers expect when they paste one, and adds tables and strikethrough;
 * its task-list checkboxes are dropped (unwrapped), being inputs with no label.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="usa-prose event-body">
      <ReactMarkdown
        skipHtml
        remarkPlugins={[remarkGfm]}
        urlTransform={defaultUrlTransform}
        disallowedElements={["img", "input"]}
        unwrapDisallowed
        components={{ h1: "h2" }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
