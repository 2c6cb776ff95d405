/** One labelled line of an event's details box (a dt/dd pair). */
export function EventFact({
  label,
  children,
  className,
  "data-testid": testId,
}: {
  label: string;
  children: React.ReactNode;
  className?: string;
  "data-testid"?: string;
}) {
  return (
    <>
      <dt className="text-bold">{label}</dt>
      <dd className={`margin-left-0 margin-bottom-1${className ? ` ${className}` : ""}`} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}
