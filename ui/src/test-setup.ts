import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/svelte";
import { afterEach } from "vitest";

afterEach(() => cleanup());

// jsdom lacks ResizeObserver (used by virtua and bind:clientWidth).
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;

// jsdom does not scroll. (Tests in the node environment, e.g. bundle.test.ts, have no DOM.)
if (typeof Element !== "undefined") {
  Element.prototype.scrollTo ??= function scrollTo() {};
  Element.prototype.scrollBy ??= function scrollBy() {};
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
}
