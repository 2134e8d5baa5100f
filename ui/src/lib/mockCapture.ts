// The mock backend's web capture (issue 18): captures and feeds held in
// memory. The first sample article has two captures of its page (the text
// changed between them), so the reader's provenance has something to show.
import { BackendError } from "./api";
import type { ErrorCode } from "./bindings";
import type {
  CaptureOutcome,
  CaptureProgress,
  CaptureRecord,
  Feed,
  PollReport,
  PollSchedule,
  Provenance,
} from "./api";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Adds an article made from a captured page; returns its id. */
export type AddArticle = (title: string, body: string, url: string) => string;

export class MockCaptures {
  private captures: CaptureRecord[] = [];
  private feeds: Feed[] = [];
  private minutes = 30;
  private lastReport: PollReport | null = null;
  private lastPoll: string | null = null;
  private seq = 0;

  constructor(private addArticle: AddArticle, seedArticle: { id: string; url: string | null } | null) {
    if (seedArticle?.url) {
      const url = seedArticle.url;
      this.record(url, url, "2022-03-15T10:31:07Z", "b7c1e0aa", "8f1d6f0b2a9c4e5d7a3b1c0e9f8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d");
      this.record(url, url, "2022-03-16T08:02:44Z", seedArticle.id, "3c5e7a9b1d2f4e6a8c0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c");
      this.feeds.push({
        id: 1,
        url: "https://www.pravda.com.ua/rss/",
        added_at: "2024-01-09T08:00:00Z",
        last_polled_at: "2024-01-10T08:30:00Z",
        last_success_at: "2024-01-10T08:30:00Z",
        last_error: null,
        items: 120,
        captured: 118,
      });
      this.feeds.push({
        id: 2,
        url: "https://example.org/sitemap.xml",
        added_at: "2024-01-09T08:05:00Z",
        last_polled_at: "2024-01-10T08:30:00Z",
        last_success_at: null,
        last_error: "https://example.org/sitemap.xml: not a readable feed or sitemap (malformed XML at byte 812)",
        items: 0,
        captured: 0,
      });
    }
  }

  private record(requested: string, final: string, at: string, article: string | null, sha: string): CaptureRecord {
    const c: CaptureRecord = {
      id: ++this.seq,
      article_id: article,
      requested_url: requested,
      final_url: final,
      captured_at: at,
      http_status: 200,
      content_type: "text/html; charset=utf-8",
      payload_sha256: sha,
      payload_bytes: 48_213 + this.seq * 311,
      feed_id: null,
    };
    this.captures.push(c);
    return c;
  }

  async capture(url: string, insecure: boolean, onProgress: (p: CaptureProgress) => void): Promise<CaptureOutcome> {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      throw new BackendError("bad_url", `${url}: not a web address`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      return failed(url, "bad_url", `${url}: only http:// and https:// addresses can be captured`);
    }
    onProgress({ kind: "fetching", url: parsed.href });
    await sleep(400);
    onProgress({ kind: "done" });
    if (parsed.hostname.startsWith("self-signed") && !insecure) {
      return failed(
        url,
        "invalid_certificate",
        `${parsed.href}: the site's certificate is not valid (UnknownIssuer); capture it anyway only if you trust the network, with the insecure override (--insecure)`,
      );
    }
    if (parsed.pathname.endsWith(".pdf")) {
      return failed(url, "not_html", `${parsed.href}: not a web page (content type application/pdf); only HTML is captured`);
    }
    const previous = [...this.captures].reverse().find((c) => c.final_url === parsed.href && c.article_id);
    const id = this.addArticle(`Сторінка ${parsed.hostname}${parsed.pathname}`, `Текст сторінки ${parsed.href}.`, parsed.href);
    const sha = Array.from({ length: 64 }, (_, i) => "0123456789abcdef"[(i * 7 + this.seq) % 16]).join("");
    const c = this.record(url, parsed.href, new Date().toISOString().replace(/\.\d+Z$/, "Z"), id, sha);
    return {
      url,
      status: previous ? "changed" : "new",
      article_id: id,
      capture: c,
      ...(previous ? { change: { previous_article_id: previous.article_id!, lines_added: 3, lines_removed: 1 } } : {}),
    };
  }

  provenance(id: string): Provenance {
    const captures = this.captures.filter((c) => c.article_id === id).reverse();
    const urls = new Set(captures.map((c) => c.final_url));
    const versions = this.captures.filter((c) => urls.has(c.final_url)).reverse();
    return { captures, versions };
  }

  exportWarc(capture: number): number {
    const c = this.captures.find((x) => x.id === capture);
    if (!c) throw new BackendError("no_capture", `no capture with id ${capture}`);
    return c.payload_bytes + 1_204;
  }

  list(): Feed[] {
    return this.feeds.map((f) => ({ ...f }));
  }

  add(url: string): Feed {
    try {
      new URL(url);
    } catch {
      throw new BackendError("bad_url", `${url}: not a web address`);
    }
    const known = this.feeds.find((f) => f.url === url);
    if (known) return known;
    const f: Feed = {
      id: Math.max(0, ...this.feeds.map((x) => x.id)) + 1,
      url,
      added_at: new Date().toISOString(),
      last_polled_at: null,
      last_success_at: null,
      last_error: null,
      items: 0,
      captured: 0,
    };
    this.feeds.push(f);
    return f;
  }

  remove(id: number): void {
    this.feeds = this.feeds.filter((f) => f.id !== id);
  }

  async poll(): Promise<PollReport> {
    await sleep(300);
    const now = new Date().toISOString();
    const report: PollReport = { feeds: [], captured: 0, failed_items: [] };
    for (const f of this.feeds) {
      f.last_polled_at = now;
      const broken = f.last_error !== null;
      if (!broken) f.last_success_at = now;
      report.feeds.push({
        feed_id: f.id,
        url: f.url,
        status: broken ? "failed" : "not_modified",
        items: f.items,
        new_items: 0,
        captured: 0,
        failed: 0,
        dropped: 0,
        ...(broken ? { error: { code: "bad_feed", message: f.last_error! } } : {}),
        last_success_at: f.last_success_at,
      });
    }
    this.lastReport = report;
    this.lastPoll = now;
    return report;
  }

  schedule(): PollSchedule {
    return { minutes: this.minutes, polling: false, last_poll: this.lastPoll, last_report: this.lastReport };
  }

  setMinutes(minutes: number): PollSchedule {
    this.minutes = Math.max(0, Math.min(24 * 60, Math.round(minutes)));
    return this.schedule();
  }
}

function failed(url: string, code: ErrorCode, message: string): CaptureOutcome {
  return { url, status: "failed", error: { code, message } };
}
