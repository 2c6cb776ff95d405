import { expect, it } from "vitest";
import { parseEnv } from "./env";
import { logLevelFrom } from "./log-level";

it("reads LOG_LEVEL, defaulting to info (silent under Vitest), and lib/env.ts refuses a wrong one", () => {
  expect(logLevelFrom({})).toBe("info");
  expect(logLevelFrom({ VITEST: "true" })).toBe("silent");
  expect(logLevelFrom({ LOG_LEVEL: "Debug" })).toBe("debug");
  expect(logLevelFrom({ LOG_LEVEL: "loud" })).toBe("info");
  expect(parseEnv({}).LOG_LEVEL).toBe("info");
  expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info/);
  expect(() => parseEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
});
