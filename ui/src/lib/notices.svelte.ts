// Toasts: short messages, errors and Undo offers. (`.svelte.ts`: the list is
// rune state the Toasts component shows.)
import { get } from "svelte/store";
import { BackendError } from "./api";
import { t } from "./i18n";

/** A button on a toast, e.g. Undo. */
export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  kind: "error" | "info";
  text: string;
  action?: ToastAction;
}

export class Notices {
  toasts = $state<Toast[]>([]);
  #seq = 0;

  /** Shows a failure as an error toast. */
  report(e: unknown): void {
    const text =
      e instanceof BackendError || e instanceof Error
        ? e.message
        : get(t)("error.generic", { message: String(e) });
    this.toast("error", text);
  }

  /**
   * Shows a message; with `action`, a button (e.g. Undo) that runs it once and
   * closes the toast. Toasts with an action stay longer: there is something to do.
   */
  toast(kind: Toast["kind"], text: string, action?: ToastAction): void {
    const id = ++this.#seq;
    this.toasts = [...this.toasts, { id, kind, text, action }];
    setTimeout(() => this.dismiss(id), kind === "error" || action ? 8000 : 3500);
  }

  /** Runs a toast's action and closes it. */
  act(toast: Toast): void {
    this.dismiss(toast.id);
    toast.action?.run();
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((x) => x.id !== id);
  }
}
