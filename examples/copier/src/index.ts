/**
 * mt5web-copier: mirrors one source account's pending orders onto many target accounts.
 *
 * Functional core (`plan`), imperative shell (`createCopier`). Exports are added as the modules land.
 *
 * @packageDocumentation
 */

export {}
