import { ServerStatus } from './components/ServerStatus.tsx';

/** The only screen for now; it is shown at every path (the server answers deep links with index.html). */
export function App() {
  return (
    <main className="app">
      <header className="app-header">
        <h1>Zoom Factor</h1>
        <p className="tagline">Why you, why now? Metrics your clients can trust.</p>
      </header>
      <ServerStatus />
    </main>
  );
}
