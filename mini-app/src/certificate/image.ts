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
  g.font = "bold 72px sans-serif";
  g.fillText(cert.name, 540, 370, 960);
  g.font = "bold 40px sans-serif";
  g.fillText(certifiesLine(cert.lessons), 540, 450, 960);
  g.font = "36px sans-serif";
  g.fillText(`Điểm bài thi cuối khóa: ${cert.score}/${cert.total}`, 540, 520);
  g.font = "30px sans-serif";
  let y = 580;
  for (const line of wrapped(g, lessonsPassedLine(cert.lessons), 940)) {
    g.fillText(line, 540, y);
    y += 42;
  }
  g.font = "36px sans-serif";
  g.fillText(`Ngày cấp: ${vietnameseDate(cert.issuedAt)} · Mã: ${cert.code}`, 540, y + 20, 960);
  try {
    g.drawImage(await loadImage(qrSrc), 360, 760, 360, 360);
  } catch {
    // Without the QR the picture still carries the code and the check address.
  }
  g.font = "32px sans-serif";
  g.fillText(cert.checkUrl, 540, 1190, 960);
  return canvas.toDataURL("image/png");
}
