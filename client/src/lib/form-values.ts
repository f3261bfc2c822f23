/** The string value of a named form control (forms stay uncontrolled, so paste and password managers work). */
export function formValue(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value : "";
}
