/** Text made safe to put into HTML, in an element or an attribute: the five characters that could end either become numeric references. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
