/** Bad input on one activity: names the field and the reason, and becomes that row's RowError. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}
