/// <reference types="next" />
/// <reference types="next/image-types/global" />

// Typecheck runs before `next build` writes next-env.d.ts, so the asset module types are referenced here too.

declare module "@uswds/uswds" {
  // The USWDS bundle only registers its behaviors when loaded; it exports nothing we use.
}
