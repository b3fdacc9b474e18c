/** Layout read-backs of the wallet's pages for the e2e tests: lines a text takes, colour contrast. */
import type { Page } from 'playwright-core';

/**
 * How many lines the first text node under `root` whose trimmed text is exactly `text` takes (distinct tops of its
 * line boxes); -1 when there is no such text. A word broken mid-word ("Ma/x") takes 2.
 */
export function textLines(page: Page, root: string, text: string): Promise<number> {
  return page.evaluate(([sel, want]) => {
    const from = document.querySelector(sel);
    if (!from) return -1;
    const walker = document.createTreeWalker(from, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n.textContent ?? '').trim() !== want) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    }
    return -1;
  }, [root, text] as const);
}

/**
 * WCAG contrast ratio of each element's text colour against the first opaque background behind it (itself or an
 * ancestor; the canvas is white when none), rounded to 2 decimals.
 */
export function contrasts(page: Page, selectors: readonly string[]): Promise<Record<string, number>> {
  return page.evaluate((sels) => {
    const rgb = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a] = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r!, g!, b!, a ?? 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const out: Record<string, number> = {};
    for (const sel of sels) {
      const el = document.querySelector(sel);
      if (!el) { out[sel] = -1; continue; }
      let bg: number[] = [255, 255, 255];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c[3] === 1) { bg = c; break; }
      }
      const fg = rgb(getComputedStyle(el).color);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      out[sel] = Math.round(((a! + 0.05) / (b! + 0.05)) * 100) / 100;
    }
    return out;
  }, selectors);
}
