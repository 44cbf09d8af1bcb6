/** The access report's query string, shared by the page and its CSV export. */
export interface ReportQuery {
  client: string;
  user: string;
  from: string;
  to: string;
}

export function readReportQuery(params: URLSearchParams): ReportQuery {
  const get = (name: string, max: number) => (params.get(name) ?? '').trim().slice(0, max);
  return {
    client: get('client', 100),
    user: get('user', 320),
    from: get('from', 10),
    to: get('to', 10)
  };
}

export function reportQueryString(query: ReportQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return params.toString();
}
