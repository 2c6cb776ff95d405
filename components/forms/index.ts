// The one field kit: USWDS markup, each control wired to its label, hint and error.
export { Checkbox, Fieldset, RadioGroup } from "./choices";
export { fieldBinder, type FieldCopy } from "./field";
export { FileInput } from "./file-input";
export { FormAlert, SubmitButton } from "./form-alert";
export { SearchBox } from "./search-box";
export { Select, TimeZoneSelect, type Option } from "./select";
export { TextArea, TextInput } from "./text-fields";
