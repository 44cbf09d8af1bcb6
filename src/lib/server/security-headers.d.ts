/** Types for security-headers.js (plain JavaScript so scripts/serve-build.js can import it). */
export declare const SECURITY_HEADERS: Readonly<Record<string, string>>;
