const styles = {
  draft: { label: "Draft", className: "bg-base-dark" },
  published: { label: "Published", className: "bg-success-darker" },
  cancelled: { label: "Cancelled", className: "bg-secondary-dark" },
} as const;

/** Where an event stands, in a tag whose colors keep AA contrast with white text. */
export function StatusTag({ status }: { status: keyof typeof styles }) {
  const style = styles[status];
  return <span className={`usa-tag ${style.className}`}>{style.label}</span>;
}
