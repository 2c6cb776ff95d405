import { HomeContent } from "@/components/pages/home";

export const dynamic = "force-dynamic";

export default function HomePage() {
  return <HomeContent />;
}
