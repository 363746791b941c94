import { useId } from 'react';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../hooks/usePageTitle.ts';

/**
 * What a signed-out visitor sees at "/": what the product is, a look at it, and the ways in (sign up, log in) and
 * to the score's public methodology. Signed-in people never see it (the route sends them to their clients).
 */
export function LandingPage() {
  usePageTitle('Glass-box social analytics for agencies');
  const ids = useId();

  return (
    <article className="page landing" aria-labelledby={`${ids}-heading`}>
      <div className="landing-intro">
        <h2 id={`${ids}-heading`}>Why you, why now? Answer it with numbers your clients can check.</h2>
        <p>
          Zoom Factor turns a brand&apos;s web, social, search and newsletter figures into one score, the Zoom Factor,
          and shows every step of it: which metrics count, how much, and what moved it this month.
        </p>
        <ul className="landing-points">
          <li>
            <strong>A glass-box score.</strong> Every component, weight and window is on screen and in the published
            methodology; inflated follower counts lower the score instead of raising it.
          </li>
          <li>
            <strong>Live dashboards for teams.</strong> A portfolio of every client, annotations, comments, goals and
            alerts, updated as data arrives; shared links and reports for the client.
          </li>
          <li>
            <strong>A privacy-first tracker.</strong> A small script measures a client&apos;s site without cookies and
            without storing addresses.
          </li>
        </ul>
        <p className="landing-actions">
          <Link className="button" to="/signup">
            Create an account
          </Link>
          <Link className="button button-secondary" to="/login">
            Log in
          </Link>
          {/* served by the server as a document of its own, not a page of this app */}
          <a href="/methodology">Read the methodology</a>
        </p>
      </div>
      <figure className="landing-shot">
        <img
          src="/screenshots/demo-client.png"
          width={1020}
          height={1040}
          alt="A client's page: a Zoom Factor of 72.1 with its quality, authenticity and coverage, each component's score and points, and what moved it, such as subscribers rising from 4,794 to 6,020."
        />
        <figcaption>The demo client&apos;s page: the score, what it is made of, and what moved it.</figcaption>
      </figure>
    </article>
  );
}
