import type { Certificate } from "../progress/schemas";
import { vietnameseDate } from "./format";

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("qr image"));
    img.src = src;
  });
}

/**
 * Draws the certificate as a PNG the person can keep in their photos or print. Null when the
 * WebView offers no canvas.
 */
export async function certificatePng(cert: Certificate, qrSrc: string): Promise<string | null> {
  const canvas = document.createElement("canvas");
  canvas.width = 1080;
  canvas.height = 1350;
  const g = canvas.getContext("2d");
  if (!g) return null;
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.strokeStyle = "#0050c8";
  g.lineWidth = 16;
  g.strokeRect(32, 32, canvas.width - 64, canvas.height - 64);
  g.textAlign = "center";
  g.fillStyle = "#0050c8";
  g.font = "bold 64px sans-serif";
  g.fillText("CHỨNG NHẬN", 540, 200);
  g.fillStyle = "#1a1a1a";
  g.font = "40px sans-serif";
  g.fillText("đã hoàn thành khóa học Kỹ Năng Số", 540, 280);
  g.font = "bold 72px sans-serif";
  g.fillText(cert.name, 540, 420, 960);
  g.font = "40px sans-serif";
  g.fillText(`Điểm bài kiểm tra cuối khóa: ${cert.score}/${cert.total}`, 540, 520);
  g.fillText(`Ngày cấp: ${vietnameseDate(cert.issuedAt)}`, 540, 590);
  g.fillText(`Mã chứng nhận: ${cert.code}`, 540, 660);
  try {
    g.drawImage(await loadImage(qrSrc), 340, 720, 400, 400);
  } catch {
    // Without the QR the picture still carries the code and the check address.
  }
  g.font = "32px sans-serif";
  g.fillText(cert.checkUrl, 540, 1200, 960);
  return canvas.toDataURL("image/png");
}
