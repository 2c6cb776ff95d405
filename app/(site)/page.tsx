import { HomeContent } from "@/app/_components/home";

export const dynamic = "force-dynamic";

export default function HomePage() {
  return <HomeContent />;
}
