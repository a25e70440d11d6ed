/**
 * DOM helpers that only ever set text as text: strings become text nodes (never HTML), and
 * attributes go through setAttribute, so data from the API cannot turn into markup.
 */

/** A child of an element: a node, text, or nothing. */
export type Child = Node | string | null | undefined | false;

/** Attribute values; `false` and `undefined` leave the attribute out, `true` sets it empty. */
export type Attributes = Record<string, string | number | boolean | undefined>;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An HTML element with `attributes` and `children`. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), attributes, children);
}

/** An SVG element with `attributes` and `children`. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, children: Child[] = []): SVGElementTagNameMap[K] {
  return fill(document.createElementNS(SVG_NS, tag), attributes, children);
}

/** Replaces every child of `parent` with `children`. */
export function replaceChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren(...children.filter(isNodeOrText));
}

/** Sets `attributes` on an element already made. */
export function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) element.removeAttribute(name);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

/** The element with `id`, which the page must have. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The explorer page has no element #${id}.`);
  return element as T;
}

/** Calls `action` on click, and on Enter or Space when the element (an SVG "button") has focus. */
export function onActivate(element: Element, action: (event: Event) => void): void {
  element.addEventListener('click', action);
  element.addEventListener('keydown', (event) => {
    const { key } = event as KeyboardEvent;
    if (key !== 'Enter' && key !== ' ') return;
    event.preventDefault();
    action(event);
  });
}

function fill<E extends Element>(element: E, attributes: Attributes, children: Child[]): E {
  setAttributes(element, attributes);
  element.append(...children.filter(isNodeOrText));
  return element;
}

function isNodeOrText(child: Child): child is Node | string {
  return child !== null && child !== undefined && child !== false;
}
