// Shapes of the JSON the backend API sends. Keep every API type in this file.

/** Body of `GET /api/health` (HTTP 200 when healthy, 503 when the database is down). */
export type Health = {
  status: 'ok' | 'unavailable';
  db: 'up' | 'down';
  version: string;
};

/** Body of every API error response. */
export type ApiError = {
  status: number;
  message: string;
};
