import { redirect } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { captureLogs } from "@/lib/log";
import type { Viewer } from "@/lib/viewer";
import { formData } from "@/test/db-snapshot";
import { formAction } from "./form-action";
import { INVALID_MESSAGE, success, TAMPERED_MESSAGE, UNEXPECTED_MESSAGE } from "./state";

const viewer: Viewer = { id: "u1", email: "pat@agency.gov", role: "member", name: "Pat", timeZone: "America/New_York", hasJoined: true };
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => viewer }));

const schema = z.strictObject({ title: z.string().trim().min(1, { error: "Enter a title." }), passphrase: z.string().optional() });

afterEach(() => vi.restoreAllMocks());

describe("formAction: one state shape for every form", () => {
  it("gives the handler the parsed input, the viewer and the bound arguments", async () => {
    const handler = vi.fn(async (input: { title: string }, context: { viewer: Viewer | null }, id: string) =>
      success(`${context.viewer?.email} saved ${input.title} on ${id}`),
    );
    const action = formAction({ schema }, handler);
    expect(await action("e1", { status: "idle" }, formData({ title: "  Launch  " }))).toEqual({
      status: "success",
      message: "pat@agency.gov saved Launch on e1",
    });
  });

  it("answers fields the form does not have with the one wording, and keeps what was typed", async () => {
    const handler = vi.fn(async () => success("saved"));
    const state = await formAction({ schema }, handler)({ status: "idle" }, formData({ title: "Launch", role: "admin" }));
    expect(state).toEqual({ status: "error", message: TAMPERED_MESSAGE, values: { title: "Launch", role: "admin" } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("names the field that is wrong and keeps the rest of what was typed, secrets left out", async () => {
    const state = await formAction({ schema, secret: ["passphrase"] }, async () => success())(
      { status: "idle" },
      formData({ title: " ", passphrase: "hunter2" }),
    );
    expect(state).toEqual({ status: "error", message: INVALID_MESSAGE, errors: { title: ["Enter a title."] }, values: { title: " " } });
  });

  it("treats a bad value in a hidden field as a tampered form, not a typo", async () => {
    const hidden = z.strictObject({ eventId: z.uuid() });
    const state = await formAction({ schema: hidden, hidden: true, echo: false }, async () => success())({ status: "idle" }, formData({ eventId: "1 or 1=1" }));
    expect(state).toEqual({ status: "error", message: TAMPERED_MESSAGE });
  });

  it("maps an AppError from lib/ to the state, with its field errors and what was typed", async () => {
    const action = formAction({ schema }, async () => {
      throw new AppError("conflict", "That title is taken.", { title: ["Choose another title."] });
    });
    expect(await action({ status: "idle" }, formData({ title: "Launch" }))).toEqual({
      status: "error",
      message: "That title is taken.",
      errors: { title: ["Choose another title."] },
      values: { title: "Launch" },
    });
  });

  it("logs an unexpected failure and answers with a generic message, keeping what was typed", async () => {
    const logs = captureLogs();
    const failure = new Error("connection reset");
    const action = formAction({ schema }, async () => {
      throw failure;
    });
    try {
      expect(await action({ status: "idle" }, formData({ title: "Launch" }))).toEqual({
        status: "error",
        message: UNEXPECTED_MESSAGE,
        values: { title: "Launch" },
      });
    } finally {
      logs.restore();
    }
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: "error",
        component: "actions",
        msg: "server action failed unexpectedly",
        err: expect.objectContaining({ message: "connection reset" }),
      }),
    ]);
  });

  it("lets redirect() through, so a saved form still navigates", async () => {
    const action = formAction({ schema }, async () => redirect("/manage/events"));
    await expect(action({ status: "idle" }, formData({ title: "Launch" }))).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });

  it("runs the page guard before anything else, so a stranger is sent away unparsed", async () => {
    const guard = vi.fn(async () => redirect("/signin"));
    const handler = vi.fn(async () => success());
    await expect(formAction({ schema, viewer: guard }, handler)({ status: "idle" }, formData({ role: "admin" }))).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_REDIRECT"),
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("is callable as a plain button with only its bound arguments", async () => {
    const action = formAction({ schema: z.strictObject({}), hidden: true, echo: false }, async (_input, _context, id: string) => success(`published ${id}`));
    expect(await action("e1")).toEqual({ status: "success", message: "published e1" });
  });
});

describe("AppError.toResponse: the one HTTP form of a refusal", () => {
  it("carries the status for its kind, the message and field errors as JSON, and the route's headers", async () => {
    const response = new AppError("invalid", "The file is too large.", { file: ["Up to 25 MB."] }).toResponse({ "Cache-Control": "no-store" });
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ error: "The file is too large.", fieldErrors: { file: ["Up to 25 MB."] } });
    expect(new AppError("not_found", "Gone.").toResponse().status).toBe(404);
  });
});
