/** The header checkbox of a table whose rows can be selected: checked when every row is. */
export function SelectAllCheckbox(props: {
  label: string;
  rows: number;
  selected: number;
  onChange: (all: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      aria-label={props.label}
      checked={props.rows > 0 && props.selected === props.rows}
      onChange={(e) => props.onChange(e.currentTarget.checked)}
    />
  );
}
