import { App, AnimationRoutes, Route, SnackbarProvider, ZMPRouter } from "zmp-ui";
import { HomePage } from "./pages/home";

export function MiniApp() {
  return (
    <App>
      <SnackbarProvider>
        <ZMPRouter memoryRouter>
          <AnimationRoutes>
            <Route path="/" element={<HomePage />} />
          </AnimationRoutes>
        </ZMPRouter>
      </SnackbarProvider>
    </App>
  );
}
