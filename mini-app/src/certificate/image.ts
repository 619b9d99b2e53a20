import type { Certificate } from "../progress/schemas";
import { vietnameseDate } from "./format";
import { certifiesLine, lessonsPassedLine } from "./name";

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("qr image"));
    img.src = src;
  });
}

/** Splits text at spaces into lines no wider than `width` in the canvas's current font. */
function wrapped(g: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && g.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return line ? [...lines, line] : lines;
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
  g.fillText("GIẤY CHỨNG NHẬN", 540, 180);
  g.fillStyle = "#1a1a1a";
  g.font = "36px sans-serif";
  g.fillText("Chương trình Kỹ Năng Số chứng nhận", 540, 250);
  // Every line that can be long is wrapped, never squeezed by fillText's maxWidth (older eyes).
  let y = 370;
  const lines = (text: string, font: string, lineHeight: number, width = 940) => {
    g.font = font;
    for (const line of wrapped(g, text, width)) {
      g.fillText(line, 540, y);
      y += lineHeight;
    }
  };
  lines(cert.name, "bold 72px sans-serif", 84);
  y += 2;
  lines(certifiesLine(cert.lessons), "bold 40px sans-serif", 52);
  y += 18;
  lines(`Điểm bài thi cuối khóa: ${cert.score}/${cert.total}`, "36px sans-serif", 60);
  lines(lessonsPassedLine(cert.lessons), "30px sans-serif", 42);
  y += 20;
  lines(`Ngày cấp: ${vietnameseDate(cert.issuedAt)} · Mã: ${cert.code}`, "36px sans-serif", 48);
  // The QR code goes below the text, smaller when long lines pushed it down, above the check address.
  const qrTop = Math.max(760, y + 20);
  const qrSize = Math.min(360, canvas.height - 64 - 110 - qrTop);
  try {
    g.drawImage(await loadImage(qrSrc), 540 - qrSize / 2, qrTop, qrSize, qrSize);
  } catch {
    // Without the QR the picture still carries the code and the check address.
  }
  y = qrTop + qrSize + 70;
  lines(cert.checkUrl, "32px sans-serif", 40, 960);
  return canvas.toDataURL("image/png");
}
