// WebKitWebDriver cannot snapshot a web view drawn without accelerated
// compositing, which the app turns off on Linux; the X display shows what a
// person sees, so shots are taken from it and cut to the window.

import { execFileSync } from "node:child_process";

/** A PNG of the app's window as it is on the X display. */
export async function windowPng(browser) {
  await new Promise((r) => setTimeout(r, 300)); // let the last change paint
  const { x, y, width, height } = await browser.getWindowRect();
  const big = { maxBuffer: 256 << 20 };
  const xwd = execFileSync("xwd", ["-root", "-silent"], big);
  const pnm = execFileSync("xwdtopnm", [], { ...big, input: xwd, stdio: ["pipe", "pipe", "ignore"] });
  const cut = ["-left", x, "-top", y, "-width", width, "-height", height].map(String);
  const window = execFileSync("pnmcut", cut, { ...big, input: pnm });
  return execFileSync("pnmtopng", [], { ...big, input: window });
}
