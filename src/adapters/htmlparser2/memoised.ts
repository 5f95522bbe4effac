/** A pure text function that computes each distinct input once; meant to live for one document. */
export function memoised(transform: (text: string) => string): (text: string) => string {
  const results = new Map<string, string>();
  return (text) => {
    let result = results.get(text);
    if (result === undefined) {
      result = transform(text);
      results.set(text, result);
    }
    return result;
  };
}
