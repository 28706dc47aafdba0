import { Skeleton } from "@/components/ui/skeleton";

/** Between settings tabs the header and tabs stay; only the section below waits. */
export default function SettingsLoading() {
  return (
    <div className="grid gap-4" aria-busy>
      <Skeleton className="h-5 w-40" />
      <Skeleton className="h-4 w-80" />
      <Skeleton className="h-56 w-full rounded-xl" />
    </div>
  );
}
