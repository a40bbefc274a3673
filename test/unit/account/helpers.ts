import { toOpeningForm } from '../../../src/account/openingForm.js'

export function openingFormFor(name: string) {
  return toOpeningForm({ firstName: name, secondName: name })
}
