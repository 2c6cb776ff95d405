import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorSummary, errorItems } from "./error-summary";
import { Checkbox, FileInput, FormAlert, RadioGroup, Select, TextArea, TextInput, TimeZoneSelect, fieldBinder } from "./index";

const html = (element: ReactElement) => renderToStaticMarkup(element);
const attr = (markup: string, tag: string, name: string) => new RegExp(`<${tag}[^>]*\\s${name}="([^"]*)"`).exec(markup)?.[1];

describe("every field of the kit ties its label, hint and error to the control", () => {
  const controls: [string, ReactElement, string][] = [
    ["text", createElement(TextInput, { name: "title", label: "Title", hint: "Up to 200.", errors: ["Enter a title."] }), "input"],
    ["textarea", createElement(TextArea, { name: "body", label: "Body", hint: "Markdown.", errors: ["Too long."] }), "textarea"],
    [
      "select",
      createElement(Select, { name: "kind", label: "Kind", hint: "Pick one.", errors: ["Choose."], defaultValue: "a", options: [{ value: "a", label: "A" }] }),
      "select",
    ],
    ["file", createElement(FileInput, { name: "file", label: "File", hint: "PDF.", errors: ["Too big."] }), "input"],
    ["time zone", createElement(TimeZoneSelect, { defaultValue: "America/Chicago", errors: ["Choose a zone."] }), "select"],
  ];

  it.each(controls)("%s", (_kind, element, tag) => {
    const markup = html(element);
    const id = attr(markup, tag, "id")!;
    expect(attr(markup, "label", "for")).toBe(id);
    expect(attr(markup, tag, "aria-describedby")).toBe(`${id}-hint ${id}-error`);
    expect(attr(markup, tag, "aria-invalid")).toBe("true");
    expect(markup).toContain(`id="${id}-hint"`);
    expect(markup).toMatch(new RegExp(`id="${id}-error">[^<]+<`));
    // The form's error summary is the one live region; a field's own message is read with its control.
    expect(markup).not.toContain('role="alert"');
    expect(markup).toContain("usa-form-group--error");
  });

  it("marks optional fields in the label and leaves them not required", () => {
    const markup = html(createElement(TextInput, { name: "summary", label: "Summary", optional: true }));
    expect(markup).toContain("(optional)");
    expect(markup).not.toMatch(/required/);
    expect(html(createElement(TextInput, { name: "title", label: "Title" }))).toMatch(/<input[^>]*required/);
    // Without a hint or an error there is nothing to point at.
    expect(attr(html(createElement(TextInput, { name: "title", label: "Title" })), "input", "aria-describedby")).toBeUndefined();
  });

  it("keeps a zone the common list lacks, so saving never changes it", () => {
    expect(html(createElement(TimeZoneSelect, { defaultValue: "Europe/Berlin" }))).toMatch(/<option value="Europe\/Berlin" selected="">/);
  });

  it("a checkbox reads its error and hint; a radio group's fieldset reads its hint and error", () => {
    const box = html(createElement(Checkbox, { name: "acceptGuidelines", label: "I accept", hint: "Required to join.", errors: ["Accept to join."] }));
    expect(attr(box, "input", "aria-describedby")).toBe("acceptGuidelines-hint acceptGuidelines-error");
    expect(attr(box, "input", "aria-invalid")).toBe("true");
    const radios = html(
      createElement(RadioGroup, {
        name: "audience",
        label: "Send to",
        hint: "One email each.",
        errors: ["Choose who."],
        defaultValue: "b",
        options: [
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ],
      }),
    );
    expect(attr(radios, "fieldset", "aria-describedby")).toBe("audience-hint audience-error");
    expect(radios).toMatch(/<legend class="usa-legend">Send to<\/legend>/);
    expect(radios).toMatch(/id="audience-b"[^>]*checked/);
  });

  it("the status alert announces errors at once and successes politely, can take focus, and is silent when idle", () => {
    expect(html(createElement(FormAlert, { state: { status: "error", message: "No." } }))).toMatch(/tabindex="-1"[^>]*usa-alert--error[^>]*role="alert"/);
    expect(html(createElement(FormAlert, { state: { status: "success", message: "Saved." } }))).toMatch(
      /tabindex="-1"[^>]*usa-alert--success[^>]*role="status"/,
    );
    expect(html(createElement(FormAlert, { state: { status: "idle" } }))).toBe("");
  });

  it("a refusal with field errors is one summary that links each field to its control, instead of one alert per field", () => {
    const state = {
      status: "error",
      message: "Please correct the errors below.",
      errors: { name: ["Enter your full name."], agency: undefined, timeZone: ["Choose a valid time zone."] },
    };
    const markup = html(createElement(FormAlert, { state }));
    expect(markup.match(/role="alert"/g)).toHaveLength(1);
    expect(markup).toMatch(/<div tabindex="-1" class="usa-alert usa-alert--error" role="alert"/);
    expect(markup).toContain(">Please correct the errors below.</h2>");
    // Before the form is on screen (and without script) a control's id is its name (the kit's default), and the message names the field.
    expect([...markup.matchAll(/<a class="usa-link" href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
      ["#name", "Enter your full name."],
      ["#timeZone", "Choose a valid time zone."],
    ]);
  });
});

describe("the error summary", () => {
  it("says a message that is one field's own only beside that field", () => {
    const only = "Tell attendees why the event is cancelled.";
    const markup = html(createElement(FormAlert, { state: { status: "error", message: only, errors: { body: [only] } } }));
    expect(markup).toContain(">Please correct the errors below.</h2>");
    expect(markup.split(only)).toHaveLength(2);
  });

  it("lists only fields with a message, in the server's order", () => {
    expect(errorItems({ b: ["Second."], a: [], c: undefined, d: ["Fourth.", "ignored"] })).toEqual([
      { id: "b", message: "Second." },
      { id: "d", message: "Fourth." },
    ]);
    expect(errorItems(undefined)).toEqual([]);
  });

  it("names each field by its label when it is known, leaving the message beside the field", () => {
    const markup = html(createElement(ErrorSummary, { message: "Fix these.", items: [{ id: "event-date", label: "Date", message: "Enter a date." }] }));
    expect(markup).toContain('<a class="usa-link" href="#event-date">Date</a>');
    expect(markup).not.toContain("Enter a date.");
  });
});

describe("forms use the kit instead of writing field markup by hand", () => {
  const root = process.cwd();
  const files = ["app", "components"]
    .flatMap((dir) => (readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }) as string[]).map((file) => path.join(dir, file)))
    .filter((file) => file.endsWith(".tsx") && !file.startsWith(path.join("components", "forms")));

  it.each(files)("%s", (file) => {
    const source = readFileSync(path.join(root, file), "utf8");
    const handWritten = source.match(
      /usa-form-group|usa-input(?!--)|usa-select|usa-textarea|usa-checkbox__input|usa-radio__input|usa-error-message"[^>]*role="alert"|usa-hint" id=/g,
    );
    expect(handWritten, "field markup outside components/forms").toBeNull();
  });
});

describe("fieldBinder", () => {
  const field = fieldBinder<"title" | "summary">(
    { title: "Town hall" },
    { summary: ["Too long."] },
    {
      title: { label: "Title", hint: "Up to 200." },
      summary: { label: "Summary", optional: true },
    },
  );

  it("gives a control its value, its error, and its label and hint from the copy table", () => {
    expect(field("title")).toEqual({ name: "title", defaultValue: "Town hall", errors: undefined, label: "Title", hint: "Up to 200." });
    expect(field("summary")).toEqual({ name: "summary", defaultValue: "", errors: ["Too long."], label: "Summary", optional: true });
  });

  it("renders a whole labelled, optional control from one spread", () => {
    const markup = html(createElement(TextInput, field("summary")));
    expect(markup).toMatch(/<label[^>]*for="summary"[^>]*>Summary[^<]*<span[^>]*>\s*\(optional\)/);
    expect(attr(markup, "input", "aria-describedby")).toBe("summary-error");
  });
});
