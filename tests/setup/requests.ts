import type { AppLoadContext } from "@remix-run/node";

export interface TestContext extends AppLoadContext {
  cookies: string[];
}

export function testContext(clientIp = "127.0.0.1"): TestContext {
  const cookies: string[] = [];
  return { clientIp, cspNonce: "test", cookies, setCookie: (cookie: string) => cookies.push(cookie) };
}

export function getRequest(path: string, cookie?: string) {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function postRequest(path: string, fields: Record<string, string>, cookie?: string) {
  const body = new URLSearchParams(fields);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

/** Runs a loader/action and returns the thrown or returned Response, or the data. */
export async function run<T>(fn: () => Promise<T>): Promise<{ response: Response | null; data: T | null }> {
  try {
    const data = await fn();
    if (data instanceof Response) return { response: data, data: null };
    return { response: null, data };
  } catch (thrown) {
    if (thrown instanceof Response) return { response: thrown, data: null };
    throw thrown;
  }
}
