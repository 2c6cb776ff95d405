import Link from "next/link";

const requiredLinks = [
  { href: "/about", label: "About the Social Media Community of Practice" },
  { href: "https://www.gsa.gov/website-information/accessibility-statement", label: "Accessibility statement" },
  { href: "https://www.gsa.gov/reference/freedom-of-information-act-foia", label: "FOIA requests" },
  {
    href: "https://www.gsa.gov/reference/civil-rights-programs/notification-and-federal-employee-antidiscrimination-and-retaliation-act-of-2002",
    label: "No FEAR Act data",
  },
  { href: "https://www.gsaig.gov/", label: "Office of the Inspector General" },
  { href: "https://www.gsa.gov/reference/reports/budget-performance", label: "Performance reports" },
  { href: "https://www.gsa.gov/website-information/privacy-and-security-notice", label: "Privacy policy" },
];

/** The FOIA notice every federal community owes its members, then the USWDS identifier. */
export function SiteFooter() {
  return (
    <footer className="usa-footer usa-footer--slim">
      <div className="usa-footer__secondary-section">
        <div className="grid-container">
          <section className="usa-alert usa-alert--info usa-alert--slim" aria-labelledby="foia-notice-heading">
            <div className="usa-alert__body">
              <h2 id="foia-notice-heading" className="usa-alert__heading font-body-sm">
                Freedom of Information Act notice
              </h2>
              <p className="usa-alert__text" data-testid="foia-notice">
                Communications in this community, including event registrations, messages and shared resources, are government records and may be released under
                the Freedom of Information Act (FOIA). Please follow the{" "}
                <Link href="/guidelines" className="usa-link">
                  community guidelines
                </Link>
                .
              </p>
            </div>
          </section>
        </div>
      </div>
      <div className="usa-identifier">
        <section className="usa-identifier__section usa-identifier__section--masthead" aria-label="Agency identifier">
          <div className="usa-identifier__container">
            <section className="usa-identifier__identity" aria-label="Agency description">
              <p className="usa-identifier__identity-domain">Social Media Community of Practice</p>
              <p className="usa-identifier__identity-disclaimer">
                <span aria-hidden="true">An </span>official website of the{" "}
                <a href="https://www.gsa.gov/about-us/organization/federal-acquisition-service/technology-transformation-services">
                  General Services Administration&rsquo;s Technology Transformation Services
                </a>
              </p>
            </section>
          </div>
        </section>
        <nav className="usa-identifier__section usa-identifier__section--required-links" aria-label="Important links">
          <div className="usa-identifier__container">
            <ul className="usa-identifier__required-links-list">
              {requiredLinks.map((link) => (
                <li key={link.href} className="usa-identifier__required-links-item">
                  <a href={link.href} className="usa-identifier__required-link usa-link">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
        <section className="usa-identifier__section usa-identifier__section--usagov" aria-label="U.S. government information and services">
          <div className="usa-identifier__container">
            <div className="usa-identifier__usagov-description">Looking for U.S. government information and services?</div>{" "}
            <a href="https://www.usa.gov/" className="usa-link">
              Visit USA.gov
            </a>
          </div>
        </section>
      </div>
    </footer>
  );
}
