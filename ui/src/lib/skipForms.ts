// The query text the forms list writes (issue 13). `skip:FORM` drops one word
// form from a query (the core's query language: `переговори skip:переговорам`);
// unticking a form adds the token, ticking it again takes it out. The forms
// come from the core's `word_forms`, one lower-case word each: no quoting. No
// query is parsed here: only the token's own text is looked for, as a whole
// token (after the start, a space or "(", before the end, a space or ")").

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function token(form: string): string {
  return `skip:${escapeRegExp(form)}(?=$|[\\s)])`;
}

/** Whether `text` holds `skip:FORM` (either case) as a token of its own. */
export function hasSkip(text: string, form: string): boolean {
  return new RegExp(`(?<=^|[\\s(])${token(form)}`, "iu").test(text);
}

/** `text` with `skip:FORM` at its end, unless it already holds it. */
export function addSkip(text: string, form: string): string {
  if (hasSkip(text, form)) return text;
  const rest = text.trimEnd();
  return rest === "" ? `skip:${form}` : `${rest} skip:${form}`;
}

/**
 * `text` without any `skip:FORM` token, each taken out with the space before
 * it (at the start or after "(", with the space after it); the rest stays as typed.
 */
export function removeSkip(text: string, form: string): string {
  const t = token(form);
  return text.replace(new RegExp(`(?<=^|\\()${t}\\s*|\\s+${t}`, "giu"), "");
}
