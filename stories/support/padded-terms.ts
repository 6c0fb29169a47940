/**
 * A `fetch` that pads the game's legal terms to `length` characters on their way from the
 * emulator, for long-document stories and the render benchmark. `onPadded` hears when the
 * padded answer is ready (the benchmark's "data in").
 */
export function paddedTerms(fetch: typeof globalThis.fetch, length: number, onPadded?: () => void): typeof globalThis.fetch {
  const paragraph = 'Be kind to other players, and never share where you live, go to school or can be reached.\n\n';
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!new Request(input, init).url.includes('/consents/game/legal')) return response;
    const body = (await response.json()) as { data: { content: string } };
    body.data.content = paragraph.repeat(Math.ceil(length / paragraph.length));
    onPadded?.();
    return Response.json(body, { status: response.status });
  };
}
