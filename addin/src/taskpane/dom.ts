/** Small DOM helpers: the pane is plain DOM, and these keep its views short and readable. */

type Child = Node | string | number | null | undefined | false;

export interface ElementProps {
  className?: string;
  /** Attributes, including aria-* and data-*. */
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "number" ? String(child) : child);
  }
  return element;
}

/** An element the page must have: a missing id is a bug in taskpane.html, said plainly. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`taskpane.html has no #${id}`);
  return element as T;
}

/** A message line: role=alert for errors so screen readers announce them at once. */
export function showMessage(
  target: HTMLElement,
  text: string,
  kind: "info" | "error" | "ok" = "info",
): void {
  target.textContent = text;
  target.className = `message message-${kind}`;
  target.setAttribute("role", kind === "error" ? "alert" : "status");
  target.hidden = text === "";
}

/** Runs an action from a button: disabled while it runs, so a double click cannot send twice. */
export async function whileBusy(button: HTMLButtonElement, action: () => Promise<void>) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    await action();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}
