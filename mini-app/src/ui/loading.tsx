export function Loading({ what = "nội dung" }: { what?: string }) {
  return (
    <p className="loading" role="status">
      Đang tải {what}…
    </p>
  );
}
