import MarkdownIt from "markdown-it";

// Raw HTML off: organisers write Markdown, readers get only what Markdown can express.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function renderMarkdown(source: string): string {
  return md.render(source);
}
