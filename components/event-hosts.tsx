type EventHost = { name: string; role: string; agency?: string };

export function EventHosts({ hosts }: { hosts: EventHost[] }) {
  if (hosts.length === 0) return null;
  return (
    <section aria-labelledby="hosts-heading" className="margin-top-3">
      <h2 id="hosts-heading" className="font-heading-md">
        Hosts and speakers
      </h2>
      <ul className="usa-list usa-list--unstyled">
        {hosts.map((host, index) => (
          <li key={index} className="margin-bottom-1">
            <strong>{host.name}</strong>
            <br />
            {host.role}
            {host.agency ? `, ${host.agency}` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
