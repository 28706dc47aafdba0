import { Skeleton } from "@/components/ui/skeleton";

/** Shown at once on navigation while the server renders the next section. */
export default function Loading() {
  return (
    <div className="mx-auto w-full max-w-5xl px-5 py-8 sm:px-8" aria-busy>
      <Skeleton className="h-7 w-40" />
      <Skeleton className="mt-2 h-4 w-72" />
      <Skeleton className="mt-8 h-80 w-full rounded-xl" />
    </div>
  );
}
