/** Who is asking: built from a session or an API token; null for anonymous callers. */
export interface Viewer {
  id: string;
  roles: string[];
  agencyId?: string;
}
