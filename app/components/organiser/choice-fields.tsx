/** The chosen consultation, carried by a form as the page's address carries it (`c`, and `q` for pages reading it). */
export function ChoiceFields({ params }: { params: Record<string, string> }) {
  return (
    <>
      {Object.entries(params).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
