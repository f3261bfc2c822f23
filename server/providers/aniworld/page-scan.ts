import { ProviderError } from "../provider-error.ts";

type Handlers = HTMLRewriterTypes.HTMLRewriterElementContentHandlers;

/**
 * One pass of Bun's HTMLRewriter (a streaming, spec-compliant HTML parser) over a page: handlers collect raw
 * text and attributes, the rewritten output is discarded. What sits inside <script>/<style>/<template>/
 * <noscript> is code or markup the site's scripts clone, never what the page shows, so no handler sees it.
 */
export class PageScan {
  private readonly rewriter = new HTMLRewriter();
  private codeDepth = 0;

  constructor() {
    for (const tag of ["script", "style", "template", "noscript"]) {
      this.rewriter.on(tag, {
        element: (el) => {
          this.codeDepth++;
          el.onEndTag(() => {
            this.codeDepth--;
          });
        },
      });
    }
  }

  get inCode(): boolean {
    return this.codeDepth > 0;
  }

  on(selector: string, handlers: Handlers): this {
    const { element, text } = handlers;
    this.rewriter.on(selector, {
      ...handlers,
      ...(element && { element: (el) => (this.inCode ? undefined : element(el)) }),
      ...(text && { text: (chunk) => (this.inCode ? undefined : text(chunk)) }),
    });
    return this;
  }

  /** A line break inside collected text is a space (titles are sometimes broken with `<br>`). */
  breaks(selector: string, add: (space: string) => void): this {
    return this.on(within(selector, "br"), { element: () => add(" ") });
  }

  /** Text of every element the selector matches, one entry per element (nested text included). */
  texts(selector: string): string[] {
    const out: string[] = [];
    const open: number[] = [];
    this.on(selector, {
      element: (el) => {
        out.push("");
        if (el.selfClosing || !el.canHaveContent) return;
        open.push(out.length - 1);
        el.onEndTag(() => {
          open.pop();
        });
      },
      text: (chunk) => {
        const at = open.at(-1);
        if (at !== undefined) out[at] += chunk.text;
      },
    });
    this.breaks(selector, (space) => {
      const at = open.at(-1);
      if (at !== undefined) out[at] += space;
    });
    return out;
  }

  /** Values of one attribute on every element the selector matches. */
  attrs(selector: string, name: string): string[] {
    const out: string[] = [];
    this.on(selector, {
      element: (el) => {
        const value = el.getAttribute(name);
        if (value !== null) out.push(value);
      },
    });
    return out;
  }

  run(html: string): void {
    try {
      this.rewriter.transform(html);
    } catch (cause) {
      throw new ProviderError("aniworld", null, "the catalogue page could not be parsed", {
        cause,
        retryable: false,
      });
    }
  }
}

/** `child` inside each selector of a selector list ("a, b" + "br" → "a br, b br"). */
export function within(selector: string, child: string): string {
  return selector
    .split(",")
    .map((part) => `${part.trim()} ${child}`)
    .join(", ");
}
