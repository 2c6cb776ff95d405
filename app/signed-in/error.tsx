"use client";

import { ErrorContent } from "@/components/error-content";

export default ErrorContent;
