import flag from "@uswds/uswds/img/us_flag_small.png";
import dotGov from "@uswds/uswds/img/icon-dot-gov.svg";
import https from "@uswds/uswds/img/icon-https.svg";

/** USWDS "An official website of the United States government" banner; its accordion is driven by USWDS's script. */
export function GovBanner() {
  return (
    <section className="usa-banner" aria-label="Official website of the United States government">
      <div className="usa-accordion">
        <header className="usa-banner__header">
          <div className="usa-banner__inner">
            <div className="grid-col-auto">
              {/* eslint-disable-next-line @next/next/no-img-element -- decorative, fixed-size USWDS asset */}
              <img aria-hidden="true" className="usa-banner__header-flag" src={flag.src} alt="" />
            </div>
            <div className="grid-col-fill tablet:grid-col-auto" aria-hidden="true">
              <p className="usa-banner__header-text">An official website of the United States government</p>
              <p className="usa-banner__header-action">Here&rsquo;s how you know</p>
            </div>
            <button type="button" className="usa-accordion__button usa-banner__button" aria-expanded="false" aria-controls="gov-banner-default">
              <span className="usa-banner__button-text">Here&rsquo;s how you know</span>
            </button>
          </div>
        </header>
        <div className="usa-banner__content usa-accordion__content" id="gov-banner-default" hidden>
          <div className="grid-row grid-gap-lg">
            <div className="usa-banner__guidance tablet:grid-col-6">
              {/* eslint-disable-next-line @next/next/no-img-element -- decorative USWDS icon */}
              <img className="usa-banner__icon usa-media-block__img" src={dotGov.src} alt="" aria-hidden="true" />
              <div className="usa-media-block__body">
                <p>
                  <strong>Official websites use .gov</strong>
                  <br />A <strong>.gov</strong> website belongs to an official government organization in the United States.
                </p>
              </div>
            </div>
            <div className="usa-banner__guidance tablet:grid-col-6">
              {/* eslint-disable-next-line @next/next/no-img-element -- decorative USWDS icon */}
              <img className="usa-banner__icon usa-media-block__img" src={https.src} alt="" aria-hidden="true" />
              <div className="usa-media-block__body">
                <p>
                  <strong>Secure .gov websites use HTTPS</strong>
                  <br />A <strong>lock</strong> or <strong>https://</strong> means you&rsquo;ve safely connected to the .gov website. Share sensitive
                  information only on official, secure websites.
                </p>
              </div>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
