import { Box, Button, Header, List, Page, Spinner, Text } from "zmp-ui";
import { useLessons } from "../lessons/use-lessons";

export function HomePage() {
  const [state, retry] = useLessons();
  return (
    <Page className="page">
      <Header title="Kỹ Năng Số" showBackIcon={false} />
      <Text.Title size="xLarge">Học kỹ năng số ngay trên Zalo</Text.Title>
      <Text>12 bài ngắn, mỗi bài chưa tới 10 phút.</Text>
      {state.status === "loading" && (
        <Box mt={4} flex justifyContent="center">
          <Spinner />
        </Box>
      )}
      {state.status === "error" && (
        <Box mt={4}>
          <Text>Chưa tải được danh sách bài học. Bạn kiểm tra mạng rồi thử lại nhé.</Text>
          <Button fullWidth onClick={retry}>
            Thử lại
          </Button>
        </Box>
      )}
      {state.status === "ready" && (
        <List>
          {state.lessons.map((l) => (
            <List.Item key={l.id} className="lesson-item" title={`Bài ${l.id}. ${l.title}`} subTitle={`${l.minutes} phút · ${l.summary}`} />
          ))}
        </List>
      )}
    </Page>
  );
}
